import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/feedback/ErrorBoundary';

function Fragile({ fail }: { fail: boolean }) {
  if (fail) throw new Error('windows of another run');
  return <p>drawing</p>;
}

function Harness() {
  const [fail, setFail] = useState(true);
  return (
    <>
      <button onClick={() => setFail(false)}>fix</button>
      <ErrorBoundary name="The charts">
        <Fragile fail={fail} />
      </ErrorBoundary>
      <p>the rest of the app</p>
    </>
  );
}

describe('ErrorBoundary', () => {
  it('keeps a failing panel to itself, says what happened, and can try again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Harness />);
    expect(screen.getByRole('alert')).toHaveTextContent('The charts hit a problem');
    expect(screen.getByRole('alert')).toHaveTextContent('windows of another run');
    expect(screen.getByText('the rest of the app')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'fix' }));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('drawing')).toBeInTheDocument();
    warn.mockRestore();
    error.mockRestore();
  });
});

/**
 * Contains a rendering error to the panel it happened in: the panel says what
 * went wrong and offers to try again, while the rest of the app — and the
 * user's scenario, which lives in the store — carries on. React has no hook
 * for this; an error boundary must be a class component.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is, for the message ("The charts", "Fanout Lab"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`${this.props.name} failed to render:`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-boundary" role="alert">
        <p>
          <strong>{this.props.name} hit a problem and stopped drawing.</strong> Your scenario is safe: it is saved as you work.
        </p>
        <p className="error-boundary__detail">{error.message.slice(0, 300)}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

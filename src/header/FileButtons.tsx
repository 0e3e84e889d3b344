/** Import and export of scenario JSON files. */
import { useRef } from 'react';
import { actions, performAction } from '../actions';
import { Icon } from '../ui/icons';

export function FileButtons() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--header" onClick={() => input.current?.click()} title="Open a scenario JSON file (or drop one on the canvas)">
        <Icon name="upload" size={16} /> <span className="button__label">Import</span>
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,text/plain"
        hidden
        aria-label="Import a scenario JSON file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void performAction(actions.importFile, file);
        }}
      />
      <button type="button" className="button button--header" onClick={() => void performAction(actions.exportFile, undefined)} title="Download the scenario as a JSON file">
        <Icon name="download" size={16} /> <span className="button__label">Export</span>
      </button>
    </>
  );
}

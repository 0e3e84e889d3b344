/** The scenario's name in the header, edited in place. */
import { useEffect, useState } from 'react';
import { LIMITS } from '../scenario/kinds';
import { useAppStore } from '../store';

export function ScenarioName() {
  const name = useAppStore((s) => s.scenario.name);
  const editScenario = useAppStore((s) => s.editScenario);
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  return (
    <input
      className="scenario-name"
      aria-label="Scenario name"
      value={draft}
      maxLength={LIMITS.maxNameChars}
      spellCheck={false}
      title={name}
      onChange={(e) => {
        setDraft(e.target.value);
        editScenario((s) => ({ ...s, name: e.target.value }), { mergeKey: 'scenario:name' });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
      }}
    />
  );
}

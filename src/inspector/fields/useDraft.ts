/**
 * What a field shows while the user types: their draft (null when it shows
 * the stored value) and the problem with it. Both are dropped when the value
 * changes elsewhere — undo, the slider, another view of the same parameter.
 */
import { useEffect, useState } from 'react';

export function useDraft(value: unknown) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDraft(null);
    setProblem(undefined);
  }, [value]);
  return { draft, setDraft, problem, setProblem };
}

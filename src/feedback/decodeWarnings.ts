/**
 * Fields of an opened scenario that this version does not know: said once,
 * as a notice, when the scenario is opened (the decoder never drops them in
 * silence; see src/scenario/unknownFields.ts).
 */
import type { DecodeWarning } from '../scenario/decode';
import type { AppStore } from '../store';

/** The notice's text, or undefined when there is nothing to say. */
export function unknownFieldsNotice(warnings: readonly DecodeWarning[]): string | undefined {
  const fields = warnings.filter((w) => w.path !== '');
  if (fields.length === 0) return undefined;
  const more = warnings.length > fields.length ? ` ${warnings[warnings.length - 1].message}` : '';
  const list = fields.map((w) => w.path).join(', ');
  return `This version does not know ${fields.length === 1 ? 'one field' : `${fields.length}${more ? '+' : ''} fields`} of the scenario and ignored ${fields.length === 1 ? 'it' : 'them'}: ${list}${more}.`;
}

/** Shows the notice of `warnings` once (nothing when there are none). */
export function noticeUnknownFields(store: AppStore, warnings: readonly DecodeWarning[]): void {
  const text = unknownFieldsNotice(warnings);
  if (text) store.getState().showToast(text, 'info');
}

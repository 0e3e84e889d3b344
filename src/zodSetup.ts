/**
 * Zod, set up for the page: it compiles a validator into generated code on its first use; for the
 * few scenarios a page decodes, interpreting is faster (the first decode of the default scenario
 * took twice as long compiled). Validation is the same either way. Imported first by main.tsx.
 */
import { config } from 'zod';

config({ jitless: true });

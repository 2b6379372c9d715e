/**
 * `TaskStrings`: the typed catalog a translator fills in, one key per visible string of every
 * element (issue 15 §2). Its keys, their comments and their `{placeholders}` are those of the
 * English parts: common words (core/i18n/en.ts), each element's (`task-form/strings.ts`,
 * `task-history/strings.ts`, `task-stream/strings.ts`, `task-group/strings.ts`, `shared/markdown-strings.ts`, `shared/reach-strings.ts`), the words of failed requests (`shared/error-strings.ts`) and of the sign-in (`shared/oauth-strings.ts`) and the form's field checks (core/validation/strings.ts). A language
 * registered with `registerLocale` and an element's `strings` property may leave keys out
 * (`PartialTaskStrings`): the English text is used for them.
 */
import type { commonStrings } from '../../../core/i18n/en.js';
import type { Message, MessageParams, PluralMessage } from '../../../core/i18n/messages.js';
import type { validationStrings } from '../../../core/validation/strings.js';
import type { formStrings } from '../../task-form/strings.js';
import type { historyStrings } from '../../task-history/strings.js';
import type { groupStrings } from '../../task-group/strings.js';
import type { streamStrings } from '../../task-stream/strings.js';
import type { streamShellStrings } from '../../task-stream/shell-strings.js';
import type { markdownStrings } from '../markdown-strings.js';
import type { errorStrings } from '../error-strings.js';
import type { oauthStrings } from '../oauth-strings.js';
import type { reachStrings } from '../reach-strings.js';

type English = typeof commonStrings & typeof historyStrings & typeof formStrings & typeof validationStrings &
  typeof streamStrings & typeof streamShellStrings & typeof markdownStrings & typeof groupStrings & typeof errorStrings & typeof oauthStrings &
  typeof reachStrings;

/** Every message key. */
export type StringKey = keyof English;

/** The catalog: each key's text (or plural forms, where English has them). */
export type TaskStrings = { [K in StringKey]: English[K] extends string ? string : PluralMessage };

/** The values message `K` needs (its `{placeholders}`), as an argument list. */
export type ParamsOf<K extends StringKey> = MessageParams<English[K]>;

/** A catalog that may leave keys out, as registered languages and `strings` overrides are. */
export type PartialTaskStrings = { [K in StringKey]?: Message };

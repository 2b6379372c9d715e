/** Every English message, all parts together (the reference `TaskStrings` is typed from). */
import { commonStrings } from '../../src/core/i18n/en.js';
import { validationStrings } from '../../src/core/validation/strings.js';
import { formStrings } from '../../src/components/task-form/strings.js';
import { historyStrings } from '../../src/components/task-history/strings.js';
import { streamStrings } from '../../src/components/task-stream/strings.js';
import { streamShellStrings } from '../../src/components/task-stream/shell-strings.js';
import { markdownStrings } from '../../src/components/shared/markdown-strings.js';
import { groupStrings } from '../../src/components/task-group/strings.js';
import { errorStrings } from '../../src/components/shared/error-strings.js';
import { oauthStrings } from '../../src/components/shared/oauth-strings.js';
import { reachStrings } from '../../src/components/shared/reach-strings.js';

export const english = { ...commonStrings, ...historyStrings, ...formStrings, ...validationStrings, ...streamStrings, ...streamShellStrings, ...markdownStrings, ...groupStrings, ...errorStrings, ...oauthStrings, ...reachStrings };

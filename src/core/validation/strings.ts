/**
 * The English words of the form's field checks (core/validation), shown under each field.
 * Placeholders are `{name}`; plural messages list CLDR forms chosen by `{count}`. Other languages
 * translate these keys in their catalog (`TaskStrings`, components/shared/i18n/catalog.ts).
 * The checks read them through words.ts, which loads this module when a check's words are first shown.
 */

export const validationStrings = {
  // Checks of the form's fields (core/validation), shown under each field.
  'validation.what.input': 'The input',
  'validation.what.outputSchema': 'The output schema',
  'validation.what.inputSchema': 'The input schema',
  'validation.what.metadata': 'Metadata',
  'validation.what.context': 'Context',
  'validation.what.webhook': 'The webhook URL',
  /** `{what}` is one of the `validation.what.*` names. */
  'validation.json.required': '{what} is required.',
  'validation.json.notObject': '{what} must be a JSON object ({ … }).',
  /** `{where}` is one of `validation.json.checkSyntax`, `…endsEarly`, `…at`. */
  'validation.json.invalid': '{what} is not valid JSON: {where}.',
  'validation.json.checkSyntax': 'check quotes, commas and brackets',
  'validation.json.endsEarly': 'it ends too early (a closing }, ] or " may be missing)',
  'validation.json.at': 'check line {line}, column {column}',
  'validation.domain.empty': 'Enter a domain.',
  'validation.domain.path': '"{domain}" has a scheme or path: enter just the domain, like example.com.',
  'validation.domain.invalid': '"{domain}" is not a domain like example.com or a top-level domain like .edu.',
  /** `{problem}` is one of the `validation.domain.*` messages above. */
  'validation.domain.typed': '{problem} Fix it or clear the box: it was typed but not added.',
  'validation.domain.tooMany': 'At most {max} domains in total.',
  'validation.date': 'Use a date in the form YYYY-MM-DD.',
  'validation.url.https': '{what} must start with https://.',
  'validation.url.invalid': '{what} is not a valid URL.',
  /** A re-run holds a secret that was not kept with the run; `{what}` names where. */
  'validation.hidden': '{what}: a secret here was not saved with the run and shows as "hidden"; type it again.',
  'validation.metadata.keyLength': 'Metadata key "{key}" is {length} characters long; keys may have at most {max}.',
  'validation.metadata.valueType': 'Metadata value of "{key}" must be a string, number or boolean.',
  'validation.metadata.valueLength': 'Metadata value of "{key}" is longer than {max} characters.',
  'validation.mcp.json': 'MCP servers must be valid JSON: an array of {"type":"url","name","url"}.',
  'validation.mcp.array': 'MCP servers must be a JSON array.',
  'validation.mcp.shape': 'MCP server {n} needs "type": "url", a "name" and a "url".',
  'validation.mcp.url': 'MCP server {n} url',
  'validation.mcp.server': 'MCP server {n}',
  'validation.input.required': 'Describe the task: the input is required.',
  'validation.processor': 'Unknown processor "{processor}".',
  'validation.location': 'Use a two-letter country code (ISO 3166-1 alpha-2), like US or DE.',
  'validation.specLength': 'The task spec is {length} characters; at most {max} are allowed.',
  'validation.specAndInputLength': 'Input and task spec are {length} characters together; at most {max} are allowed.',
  'validation.query.required': 'Write the query: it is required.',
  'validation.sessionId': 'Use up to 128 letters, digits, and : _ - . only.',
  'validation.modelName': 'Use a model name without spaces.',
  'validation.providerName': 'Use a provider name without spaces.',
  'validation.schema.notObject': 'The schema must be a JSON object.',
  'validation.schema.rootType': 'The root must have "type": "object".',
  'validation.schema.rootProperties': 'The root must list its fields in "properties".',
  'validation.schema.rootAnyOf': '"anyOf" is not allowed at the root.',
  /** Where in a schema: the root (a deeper place is a path like `a.b[]`). */
  'validation.schema.root': 'root',
  'validation.schema.keywordAt': '{keyword} (at {path})',
  'validation.schema.required': 'List every field in "required" (make one optional with ["string","null"]): {fields} at {path}.',
  'validation.schema.additionalProperties': 'Set "additionalProperties": false at {path}.',
  'validation.schema.basisName': 'The field name "{name}" clashes with the basis Parallel adds; rename it.',
  'validation.schema.depth': 'Nesting is {depth} levels deep; at most {max} are allowed.',
  'validation.schema.properties': 'The schema has {count} properties; at most {max} are allowed.',
  'validation.schema.enums': 'The schema has {count} enum values; at most {max} are allowed.',
  'validation.schema.unsupported': 'Unsupported keywords: {keywords}.',
} as const;

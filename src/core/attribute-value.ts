/**
 * How an enumerated attribute's value is read (`provider`, `auth-mode`, `oauth-storage`): HTML
 * enumerated attributes match ASCII case-insensitively, and a value typed with a space around it
 * (`provider=" parallel "`) means the same name. Anything else is not one of the values.
 */

/** The value of `accepted` that `value` names (any case, spaces around it ignored), else undefined. */
export function acceptedValue<T extends string>(value: string | null | undefined, accepted: readonly T[]): T | undefined {
  const name = value?.trim().toLowerCase();
  return accepted.find((candidate) => candidate === name);
}

/**
 * `{{secrets.NAME}}` in HTTP request blocks and notification targets is filled here, by the runtime, never
 * by the engine and never from the flow file. Lookup order: the `secrets` object of `--config`, then the
 * environment variable `BATON_SECRET_NAME`, then `NAME`.
 */
export type SecretLookup = (name: string) => string | undefined;

export function secretLookup(configSecrets: Record<string, string> = {}, env: NodeJS.ProcessEnv = process.env): SecretLookup {
  return (name) => (Object.hasOwn(configSecrets, name) ? configSecrets[name] : (env[`BATON_SECRET_${name}`] ?? env[name]));
}

export class MissingSecretError extends Error {
  constructor(readonly secret: string) {
    super(`secret ${secret} is not set: add it to "secrets" in the --config file or set the environment variable BATON_SECRET_<NAME>`);
  }
}

const SECRET = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces every `{{secrets.NAME}}`; `encode` escapes the value for where it lands (e.g. encodeURIComponent). */
export function fillSecrets(text: string, lookup: SecretLookup, encode: (v: string) => string = (v) => v): string {
  return text.replace(SECRET, (_, name: string) => {
    const v = lookup(name);
    if (v === undefined) throw new MissingSecretError(name);
    return encode(v);
  });
}

/** Names of the secrets a text refers to. */
export function secretNames(text: string): string[] {
  return [...text.matchAll(SECRET)].map((m) => m[1]);
}

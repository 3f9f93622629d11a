import { sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/**
 * L'instant présent en UTC ISO 8601 à la milliseconde (`2026-12-06T08:37:18.123Z`), comme le
 * `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` du schéma SQLite : les deux moteurs gardent les dates en texte, dans la même
 * forme, pour que les dépôts se partagent (DESIGN : dates stockées en chaînes ISO). `statement_timestamp()` : l'instant
 * de l'instruction, comme `'now'` de SQLite, et non celui du début de la transaction (`now()`).
 */
export const INSTANT_UTC_MAINTENANT = sql`to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Octets bruts (`bytea`), lus et écrits en `Buffer` comme le `blob({ mode: 'buffer' })` de SQLite ; drizzle-orm 0.45 n'a pas ce type. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** « lundi 23 novembre 2026 » pour une date civile (créé une fois : un formateur Intl coûte cher). */
export const FORMAT_DATE_LONGUE = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 15 mars 2026 » pour une date civile. */
export const FORMAT_DATE_COURTE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

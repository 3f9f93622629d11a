import type { ReglesPorte } from '../http/porte.ts';

/**
 * La porte des formulaires de l'espace conseiller : des champs texte, 64 Kio au plus (un message fait 5 000
 * caractères). Le middleware (site/middleware.ts) la passe pour vérifier le jeton anti-CSRF ; la page, qui la passe à son
 * tour, reçoit le même corps lu.
 */
export const REGLES_ESPACE_CONSEILLER: ReglesPorte = { corps: { formulaire: 64 * 1024 } };

import type { Deploiement } from '../deploiement/schema.ts';

/** Un courriel prêt à mettre en file : texte brut et HTML équivalent. */
export interface CourrielCompose {
  sujet: string;
  texte: string;
  html: string;
}

/** Un bloc du corps : un paragraphe, ou une liste de lignes « libellé : valeur ». */
export type Bloc = string | { titre?: string; lignes: string[] } | { lien: string; texte: string };

const echapper = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Le paragraphe que chaque courrier doit porter (cahier des charges, §3.7). */
export function paragrapheMediateur(mediateur: Deploiement['mediateur']): string {
  return (
    'Le médiateur de France compétences, tiers indépendant et gratuit, peut être saisi si la réponse à une réclamation ' +
    'adressée à votre opérateur ne vous satisfait pas, ou sans réponse sous 45 jours : par le formulaire en ligne du site ' +
    `de France compétences (${mediateur.url}) ou par courrier (${mediateur.adressePostale.join(', ')}).`
  );
}

/**
 * Compose un courriel à l'en-tête et à la signature de l'opérateur, avec la mention du médiateur.
 * Tout texte venant d'une personne est échappé dans la version HTML.
 */
export function composerCourriel(deploiement: Deploiement, contenu: { sujet: string; salutation: string; blocs: Bloc[] }): CourrielCompose {
  const { editeur, mediateur, nomService } = deploiement;
  const signature = [`${editeur.nom}`, `${nomService} – conseil en évolution professionnelle, gratuit et confidentiel`, `${editeur.telephone} · ${editeur.courriel}`];
  const texte = [
    contenu.salutation,
    '',
    ...contenu.blocs.flatMap((b) =>
      typeof b === 'string' ? [b, ''] : 'lien' in b ? [`${b.texte} : ${b.lien}`, ''] : [...(b.titre ? [b.titre] : []), ...b.lignes.map((l) => `- ${l}`), ''],
    ),
    ...signature,
    '',
    '--',
    paragrapheMediateur(mediateur),
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>' + echapper(contenu.sujet) + '</title></head>',
    '<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1b1b1f; max-width: 40rem;">',
    `<p>${echapper(contenu.salutation)}</p>`,
    ...contenu.blocs.map((b) =>
      typeof b === 'string'
        ? `<p>${echapper(b)}</p>`
        : 'lien' in b
          ? `<p><a href="${echapper(b.lien)}">${echapper(b.texte)}</a></p>`
          : `${b.titre ? `<p><strong>${echapper(b.titre)}</strong></p>` : ''}<ul>${b.lignes.map((l) => `<li>${echapper(l)}</li>`).join('')}</ul>`,
    ),
    `<p>${signature.map(echapper).join('<br>')}</p>`,
    `<hr><p style="font-size: 0.9em;">${echapper(paragrapheMediateur(mediateur))}</p>`,
    '</body></html>',
  ].join('\n');
  return { sujet: contenu.sujet, texte, html };
}

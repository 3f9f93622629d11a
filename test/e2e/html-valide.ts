import { HtmlValidate, type ConfigData } from 'html-validate';

/**
 * Les règles recommandées de html-validate (RGAA 8.2 : le code de chaque page est valide). Une règle coupée ici l'est
 * pour une particularité de la sortie d'Astro, jamais pour cacher un défaut de nos pages :
 */
export const CONFIGURATION_HTML: ConfigData = {
  extends: ['html-validate:recommended'],
  rules: {
    // Astro écrit les éléments vides à la manière de XHTML (`<meta … />`, `<link … />`), valide en HTML5.
    'void-style': 'off',
    // Astro écrit les attributs booléens avec une valeur vide (`hidden=""`) ou sans valeur selon leur source.
    'attribute-boolean-style': 'off',
    // Astro écrit les attributs énumérés sans valeur quand la source les passe vrais.
    'attribute-empty-style': 'off',
    // Astro compresse le HTML : il ne reste ni indentation ni fins de ligne à juger.
    'no-trailing-whitespace': 'off',
    // Pas une règle coupée, une limite relevée : les titres des fiches (ministère du Travail) et des métiers (ROME de
    // France Travail) sont officiels, on ne les tronque pas (RGAA 8.6 : un titre pertinent) ; 70 caractères est une
    // limite d'affichage des moteurs de recherche.
    'long-title': ['error', { maxlength: 150 }],
    // Option, pas règle coupée : des cases à cocher d'une même question partagent leur nom (`besoins`), comme le veut
    // HTML ; la règle ne l'admet par défaut que des boutons radio.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
};

const validateur = new HtmlValidate(CONFIGURATION_HTML);

/** Les erreurs de validation d'un document HTML, une par ligne lisible (règle, position, message, élément). */
export async function erreursHtml(html: string): Promise<string[]> {
  // Le style qu'Astro écrit devant la première île est validé là où il est : une page dont la première île est dans un
  // formulaire place d'abord `<PremiereIle client:load />` (site/islands/PremiereIle.svelte).
  const rapport = await validateur.validateString(html);
  return rapport.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId} (ligne ${m.line}, colonne ${m.column}) : ${m.message}${m.selector ? ` → ${m.selector}` : ''}`),
  );
}

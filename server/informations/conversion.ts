import { Element, Text, type AnyNode, type ChildNode, type ParentNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

/** Ce qu'il faut savoir de la page d'origine pour convertir son HTML. */
export interface ContexteConversion {
  /** Adresse de la fiche sur le site source : les liens relatifs sont résolus par rapport à elle. */
  urlSource: string;
  /** Niveau du premier intertitre du fragment (2 sous le h1 de la page, 3 sous un h2 de section). */
  niveauDeBase: 2 | 3 | 4;
  /** Adresse d'une page source (sans ancre ni barre finale) → chemin de sa fiche importée sur le portail. */
  liensInternes: ReadonlyMap<string, string>;
}

const BALISES_AUTORISEES = [
  'p',
  'br',
  'strong',
  'em',
  'sup',
  'sub',
  'abbr',
  'span',
  'div',
  'blockquote',
  'hr',
  'time',
  'code',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'figure',
  'figcaption',
  'section',
];

/** Liste blanche finale : ce qui n'y est pas disparaît (attributs de style, scripts, identifiants...). */
const OPTIONS_NETTOYAGE: sanitizeHtml.IOptions = {
  allowedTags: BALISES_AUTORISEES,
  allowedAttributes: {
    a: ['href', 'rel', 'class'],
    th: ['scope', 'colspan', 'rowspan', 'id'],
    td: ['colspan', 'rowspan'],
    time: ['datetime'],
    span: ['class', 'lang'],
    div: ['class'],
    // Seule section qui reste : la zone qui fait défiler un tableau (envelopperTableaux) ; celles de la source sont déballées.
    section: ['class', 'tabindex', 'aria-label'],
    abbr: ['title'],
    ol: ['start'],
  },
  allowedClasses: { div: ['encadre'], section: ['defilant'], span: ['visuellement-cache'], a: ['lien-externe'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { b: 'strong', i: 'em' },
  // Le contenu des balises retirées est gardé (texte d'un bouton d'accordéon), sauf pour celles-ci.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'iframe', 'button'],
};

const estElement = (n: AnyNode): n is Element => DomUtils.isTag(n);
const classes = (el: Element) => (el.attribs.class ?? '').split(/\s+/);
const texteDe = (n: AnyNode | AnyNode[]) => DomUtils.textContent(n).replace(/\s+/g, ' ').trim();

function deballer(el: Element) {
  const parent = el.parent;
  if (!parent) return;
  const index = parent.children.indexOf(el);
  for (const enfant of el.children) enfant.parent = parent;
  parent.children.splice(index, 1, ...el.children);
}

function elementsDe(racine: ParentNode, test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, racine.children);
}

/** Les vidéos intégrées deviennent un lien : le portail n'intègre pas de contenu d'un site tiers. */
function remplacerVideos(racine: ParentNode) {
  for (const el of elementsDe(racine, (e) => classes(e).includes('fr-content-media'))) {
    const source = el.attribs['data-src'];
    const titre = el.attribs['data-title']?.trim() || 'la vidéo';
    if (!source || !/^https:\/\//.test(source)) {
      DomUtils.removeElement(el);
      continue;
    }
    const lien = new Element('a', { href: source }, [new Text(`Voir la vidéo : ${titre}`)]);
    DomUtils.replaceElement(el, new Element('p', {}, [lien]));
  }
}

/** Accordéon DSFR (section > h3 > button + div) → details/summary, lisible sans JavaScript. */
function convertirAccordeons(racine: ParentNode) {
  for (const section of elementsDe(racine, (e) => classes(e).includes('fr-accordion'))) {
    const titre = DomUtils.findOne((e) => classes(e).includes('fr-accordion__title'), section.children);
    section.name = 'details';
    section.attribs = {};
    if (titre) {
      const resume = new Element('summary', {}, [new Text(texteDe(titre))]);
      DomUtils.removeElement(titre);
      DomUtils.prependChild(section, resume);
    }
  }
}

function normaliserAdresse(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}

/**
 * Liens : résolus par rapport à la page source ; vers une fiche importée, ils restent sur le portail ;
 * sinon ils sont marqués externes (texte caché « site externe ») et s'ouvrent dans le même onglet.
 */
function reecrireLiens(racine: ParentNode, contexte: ContexteConversion) {
  for (const lien of elementsDe(racine, (e) => e.name === 'a')) {
    const brut = (lien.attribs.href ?? '').trim();
    const texte = texteDe(lien);
    if (!texte) {
      DomUtils.removeElement(lien);
      continue;
    }
    let cible: URL | undefined;
    try {
      cible = brut && !brut.startsWith('#') ? new URL(brut, contexte.urlSource) : undefined;
    } catch {
      cible = undefined;
    }
    if (!cible || !['http:', 'https:', 'mailto:'].includes(cible.protocol)) {
      deballer(lien);
      continue;
    }
    const interne = cible.protocol === 'mailto:' ? undefined : contexte.liensInternes.get(normaliserAdresse(cible));
    if (interne) {
      lien.attribs = { href: interne + cible.hash };
      continue;
    }
    lien.attribs = { href: cible.href, rel: 'external noopener', class: 'lien-externe' };
    if (cible.protocol !== 'mailto:')
      DomUtils.appendChild(lien, new Element('span', { class: 'visuellement-cache' }, [new Text(' (site externe)')]));
  }
}

/**
 * Intertitres ré-étagés dans l'ordre du document : le premier prend `niveauDeBase`, aucun ne saute
 * de niveau, et la hiérarchie relative du source est gardée autant que possible.
 */
function reetagerIntertitres(racine: ParentNode, niveauDeBase: number) {
  const intertitres = elementsDe(racine, (e) => /^h[1-6]$/.test(e.name));
  const niveauxSource = [...new Set(intertitres.map((h) => Number(h.name[1])))].sort();
  const rang = new Map(niveauxSource.map((n, i) => [n, i]));
  let precedent = niveauDeBase - 1;
  for (const h of intertitres) {
    if (!texteDe(h)) {
      DomUtils.removeElement(h);
      continue;
    }
    const souhaite = niveauDeBase + (rang.get(Number(h.name[1])) ?? 0);
    const niveau = Math.min(6, Math.max(niveauDeBase, Math.min(souhaite, precedent + 1)));
    h.name = `h${niveau}`;
    h.attribs = {};
    precedent = niveau;
  }
}

/** Un tableau sans cellule d'en-tête prend sa première ligne comme en-têtes de colonnes. */
function completerTableaux(racine: ParentNode) {
  for (const tableau of elementsDe(racine, (e) => e.name === 'table')) {
    const lignes = elementsDe(tableau, (e) => e.name === 'tr');
    if (!elementsDe(tableau, (e) => e.name === 'th').length && lignes[0]) {
      for (const cellule of lignes[0].children.filter(estElement)) {
        if (cellule.name === 'td' && texteDe(cellule)) {
          cellule.name = 'th';
          cellule.attribs = { ...cellule.attribs, scope: 'col' };
        }
      }
    }
    for (const th of elementsDe(tableau, (e) => e.name === 'th')) {
      if (th.attribs.scope) continue;
      const dansEntete = DomUtils.findOne(
        (e) => e === th,
        elementsDe(tableau, (e) => e.name === 'thead'),
      );
      const premiere = th.parent && (th.parent as Element).children.filter(estElement)[0] === th;
      th.attribs.scope = dansEntete || !premiere ? 'col' : 'row';
    }
  }
}

/**
 * Chaque tableau défile dans sa propre zone (une `section` nommée, donc une région, classe `defilant`, comme
 * `Defilant.astro`), nommée par son titre ou ses en-têtes et atteignable au clavier : un tableau large ne fait plus défiler la page sur un téléphone (RGAA 10.11).
 */
function envelopperTableaux(racine: ParentNode) {
  for (const section of elementsDe(racine, (e) => e.name === 'section')) deballer(section);
  for (const tableau of elementsDe(racine, (e) => e.name === 'table')) {
    const titre = DomUtils.findOne((e) => e.name === 'caption', tableau.children);
    const entetes = elementsDe(tableau, (e) => e.name === 'th')
      .slice(0, 4)
      .map(texteDe)
      .filter(Boolean);
    const nom = titre ? texteDe(titre) : `Tableau : ${entetes.join(', ') || 'données'}`;
    const zone = new Element('section', {
      class: 'defilant',
      tabindex: '0',
      'aria-label': nom.length > 120 ? `${nom.slice(0, 119)}…` : nom,
    });
    DomUtils.replaceElement(tableau, zone);
    DomUtils.appendChild(zone, tableau);
  }
}

/** Encadrés « À savoir », « À noter » du DSFR → la classe `encadre` du portail ; les autres classes tombent. */
function convertirEncadres(racine: ParentNode) {
  for (const div of elementsDe(racine, (e) => e.name === 'div')) {
    const c = classes(div);
    div.attribs = c.includes('fr-highlight') || c.includes('fr-callout') ? { class: 'encadre' } : {};
  }
}

/**
 * Convertit un fragment HTML d'une fiche du ministère en HTML propre et accessible pour le portail.
 * Le résultat ne contient que des balises et attributs de la liste blanche (sanitize-html).
 */
export function convertirHtml(html: string, contexte: ContexteConversion): string {
  const document = parseDocument(html);
  for (const img of elementsDe(document, (e) => e.name === 'img')) DomUtils.removeElement(img);
  remplacerVideos(document);
  convertirAccordeons(document);
  reecrireLiens(document, contexte);
  completerTableaux(document);
  convertirEncadres(document);
  envelopperTableaux(document);
  reetagerIntertitres(document, contexte.niveauDeBase);
  const propre = sanitizeHtml(DomUtils.getOuterHTML(document.children, { decodeEntities: true }), OPTIONS_NETTOYAGE);
  return propre
    .replace(/\s+/g, ' ')
    .replace(/<p>\s*<\/p>/g, '')
    .trim();
}

const BLOCS_DE_TEXTE = new Set([
  'p',
  'li',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'summary',
  'caption',
  'tr',
  'blockquote',
  'figcaption',
  'dt',
  'dd',
]);

/**
 * Les passages de texte d'un fragment HTML (paragraphes, éléments de liste, lignes de tableau...),
 * pour l'index de recherche et ses extraits.
 */
export function passagesDe(html: string): string[] {
  const passages: string[] = [];
  const visiter = (noeuds: ChildNode[]) => {
    for (const n of noeuds) {
      if (!estElement(n)) continue;
      if (BLOCS_DE_TEXTE.has(n.name)) {
        const texte = n.name === 'tr' ? n.children.filter(estElement).map(texteDe).filter(Boolean).join(' – ') : texteDe(n);
        // Le texte caché des liens externes n'a pas sa place dans un extrait.
        if (texte) passages.push(texte.replaceAll(' (site externe)', ''));
      } else {
        visiter(n.children);
      }
    }
  };
  visiter(parseDocument(html).children);
  return passages;
}

import type { BaseDeDonnees } from '../../db/client.ts';
import type { Versions } from '../../db/versions.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { echapper, surligner } from '../recherche/extraits.ts';
import { decouper, MOTS_VIDES, termeIndex } from '../recherche/francais.ts';
import type { ResultatRecherche, SourceInterrogee } from '../recherche/documents.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import { depotOrganismes, depotRapideOrganismes, PRESTATIONS } from './repository.ts';
import { versAffiche } from './service.ts';

/** Adresse de la fiche d'un organisme. */
export const cheminOrganisme = (numero: string) => `/organismes/${encodeURIComponent(numero)}`;

/**
 * Les organismes de formation dans la recherche du portail (`type=organisme`). Ils sont cherchés dans la base
 * (index plein texte `organismes_recherche`), pas dans l'index en mémoire : la liste change à chaque import, fait
 * par un autre processus, et compte jusqu'à 100 000 organismes.
 *
 * Neutralité (seed 002 §2.1.3, annexe 1 §3.1) : un organisme est trouvé quand il porte tous les mots cherchés,
 * et les organismes trouvés sont rendus dans l'ordre alphabétique, jamais par « pertinence » : une dénomination
 * qui répète un mot ne passe pas devant les autres.
 */
export function sourceOrganismes(deps: { db: BaseDeDonnees; versions: Pick<Versions, 'lire'>; deploiement: Deploiement; referentiel: Referentiel }): SourceInterrogee {
  const rapide = depotRapideOrganismes(deps.db);
  const depot = depotOrganismes(deps.db);

  /**
   * Les termes cherchés : chaque mot, normalisé et sans la marque du pluriel, cherché en préfixe par le dépôt (saisie en
   * cours, pluriels, féminins), tous requis. Les termes de l'index sont les mots normalisés (voir termes.ts).
   */
  function requete(q: string): { termes: Set<string> } | undefined {
    const termes = new Set(
      decouper(q)
        .filter((m) => !MOTS_VIDES.has(m))
        .map((m) => (m.length > 4 ? m.replace(/[sx]$/, '') : m)),
    );
    if (termes.size === 0) return undefined;
    return { termes };
  }

  function extrait(o: ReturnType<typeof versAffiche>, termes: ReadonlySet<string>): string {
    const departement = o.departement ? deps.referentiel.departement(o.departement) : undefined;
    const morceaux = [
      o.adresse || 'Adresse non déclarée',
      o.certifications.length ? `Certifié Qualiopi : ${o.certifications.map((p) => PRESTATIONS[p].libelle).join(', ')}` : 'Sans certification Qualiopi',
      ...(o.specialites.length ? [`Spécialités : ${o.specialites.map((s) => s.libelle).join(' ; ')}`] : []),
    ];
    const texte = `${departement ? `${departement.nom} (${departement.code}) · ` : ''}${morceaux.join(' · ')}`;
    // Recherche par préfixe : « lyo » surligne « Lyon » (surligner compare les termes racinisés des mots).
    const trouves = new Set<string>();
    for (const mot of decouper(texte)) if ([...termes].some((c) => mot.startsWith(c))) trouves.add(termeIndex(mot) ?? mot);
    const html = surligner(texte, trouves);
    return o.organismeDeLOperateur ? `${html} · ${echapper('Organisme de l’opérateur qui publie ce site')}` : html;
  }

  return {
    type: 'organisme',
    libelle: 'Organismes de formation',
    // Le numéro de l'import en service, sans aller-retour vers la base sur PostgreSQL (annoncé par NOTIFY : db/versions.ts).
    version() {
      try {
        return deps.versions.lire('organismes');
      } catch {
        return -1; // base indisponible : la recherche des pages continue, celle des organismes échouera seule
      }
    },
    async compter(q) {
      const r = requete(q);
      return r ? rapide.compterTrouves([...r.termes]) : 0;
    },
    async chercher(q, limite) {
      const r = requete(q);
      if (!r) return { total: 0, resultats: [] };
      const termes = [...r.termes];
      const numeros = await rapide.numerosTrouves(termes, limite);
      const parNumero = new Map((await depot.parNumeros(numeros)).map((o) => [o.numero, o]));
      const resultats: ResultatRecherche[] = [];
      for (const numero of numeros) {
        const o = parNumero.get(numero);
        if (!o) continue;
        const affiche = versAffiche(o, deps.deploiement.organismesPropres);
        resultats.push({ id: `organisme:${o.numero}`, type: 'organisme', titre: o.denomination, url: cheminOrganisme(o.numero), extrait: extrait(affiche, r.termes) });
      }
      return { total: await rapide.compterTrouves(termes), resultats };
    },
  };
}

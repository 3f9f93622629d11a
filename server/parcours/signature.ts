import { enTransaction } from '../../db/transaction.ts';
import { timingSafeEqual } from 'node:crypto';
import type { Executeur } from '../../db/client.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { Dependances } from '../dependances.ts';
import type { FichierRecu } from '../http/multipart.ts';
import { cheminDefinitif, installerPieces, retirerFichiers, verifierPieces } from '../reclamations/pieces.ts';
import { CATEGORIES_PARCOURS, DUREE_CODE_MS, empreinteSecret, masquerCourriel, mettreEnFileParcours } from './courriels.ts';
import { echec } from './erreurs.ts';
import { documentDuLivrable } from './livrables.ts';
import { empreinteSha256, rendrePdfLivrable, type Preuve } from './pdf.ts';
import { depotParcours, type Dossier, type Livrable, type UniteOeuvre } from './repository.ts';
import { schemaConfirmation } from './schema.ts';
import { aujourdHuiA, cloreDans, lire, nomActeur, uoServie, type Acteur, type Deps } from './service.ts';
import { estDateCivile } from '../calendrier/dates.ts';
import { join } from 'node:path';

type DepsSignature = Deps & Pick<Dependances, 'signalerCourriels'>;

/** Essais permis pour un code avant qu'il ne vaille plus. */
export const ESSAIS_MAX = 5;

/**
 * La signature de la personne, électronique ou papier, dans la transaction de l'appelant : le livrable est signé et
 * marqué pour le dépôt du jour, l'UO close (« livrable signé »), la signature tracée, le PDF scellé mis en file pour la
 * personne. Faux si l'UO était déjà close : l'appelant annule.
 */
async function sceller(
  tx: Executeur,
  t: { livrable: Livrable; uo: UniteOeuvre; dossier: Dossier },
  s: {
    livrable: Pick<Livrable, 'statut' | 'mention' | 'canalCode'> & Partial<Pick<Livrable, 'scanChemin' | 'scanEmpreinte'>>;
    cloture: { date: string; acteur: Acteur };
    audit: { action: string; details: Record<string, unknown> };
    aujourdHui: string;
    maintenant: Date;
  },
): Promise<boolean> {
  const instant = s.maintenant.toISOString();
  await depotParcours(tx).modifierLivrable(t.livrable.id, {
    ...s.livrable,
    beneficiaireSigneLe: instant,
    aTransmettreLe: s.aujourdHui,
    modifieLe: instant,
  });
  if (!await cloreDans(tx, t.uo, { date: s.cloture.date, motif: 'livrable-signe' }, s.cloture.acteur, instant)) return false;
  await journaliserAction(tx, {
    acteur: nomActeur(s.cloture.acteur),
    action: s.audit.action,
    cible: t.uo.numero,
    details: s.audit.details,
    horodatage: instant,
  });
  // Sans adresse électronique, le document signé est remis en main propre : rien ne part.
  if (t.dossier.email)
    await mettreEnFileParcours(tx, {
      categorie: CATEGORIES_PARCOURS.signe,
      destinataire: t.dossier.email,
      reference: t.uo.numero,
      donnees: { livrable: String(t.livrable.id) },
      maintenant: s.maintenant,
    });
  return true;
}

/** Le livrable, son UO et son dossier, pour un livrable d'un lot servi. */
async function trouver(deps: Deps, livrableId: number): Promise<{ livrable: Livrable; uo: UniteOeuvre; dossier: Dossier } | undefined> {
  const livrable = await depotParcours(deps.db).livrable(livrableId);
  const trouvee = livrable ? await uoServie(deps, livrable.uoId) : undefined;
  return livrable && trouvee ? { livrable, ...trouvee } : undefined;
}

/**
 * Le conseiller signe : le PDF exact du livrable est produit, daté de cet instant, gardé avec son SHA-256, et la personne
 * est prévenue qu'il l'attend. Un contenu modifié entre-temps fait échouer la signature (`DOCUMENT_MODIFIE`).
 */
export async function signerParLeConseiller(deps: DepsSignature, acteur: { id: number }, livrableId: number) {
  const t = await trouver(deps, livrableId);
  if (!t) return echec('LIVRABLE_INCONNU');
  const { livrable, uo, dossier } = t;
  if (uo.statut === 'close')
    return echec(livrable.statut === 'signe' || livrable.statut === 'signe-papier' ? 'LIVRABLE_SIGNE' : 'UO_CLOSE');
  if (livrable.statut !== 'brouillon') return echec('DEJA_SIGNE_PAR_LE_CONSEILLER');
  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  const pdf = rendrePdfLivrable(deps.deploiement, await documentDuLivrable(deps, { ...livrable, conseillerId: acteur.id }, uo, dossier, instant));
  const empreinte = empreinteSha256(pdf);
  const signe = await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    const actuel = await d.livrable(livrable.id);
    if (actuel?.version !== livrable.version || actuel.statut !== 'brouillon') return false;
    await d.modifierLivrable(livrable.id, {
      statut: 'signe-conseiller',
      pdf,
      empreinte,
      conseillerId: acteur.id,
      conseillerSigneLe: instant,
      modifieLe: instant,
    });
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.signature.conseiller',
      cible: uo.numero,
      details: { empreinte, version: livrable.version },
      horodatage: instant,
    });
    // Sans adresse électronique, pas d'espace ni de code : la personne signera sur papier, rien ne part.
    if (dossier.email)
      await mettreEnFileParcours(tx, {
        categorie: CATEGORIES_PARCOURS.aSigner,
        destinataire: dossier.email,
        reference: uo.numero,
        donnees: { livrable: String(livrable.id) },
        maintenant,
      });
    return true;
  });
  if (!signe) return echec('DOCUMENT_MODIFIE');
  deps.signalerCourriels();
  return { ok: true as const, empreinte, signatureSurPapier: dossier.email === null };
}

/** Le document à signer, tel que la personne le lit dans son espace : le PDF exact et son empreinte. */
export async function documentASigner(deps: Deps, dossierId: number, livrableId: number) {
  const t = await trouver(deps, livrableId);
  if (!t || t.dossier.id !== dossierId) return echec('LIVRABLE_INCONNU');
  const pdf = t.livrable.statut === 'brouillon' ? null : await depotParcours(deps.db).pdfDuLivrable(livrableId);
  if (!pdf || !t.livrable.empreinte) return echec('LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER');
  return { ok: true as const, pdf, empreinte: t.livrable.empreinte, statut: t.livrable.statut };
}

/** Vérifie qu'un livrable de ce dossier attend la signature de la personne. */
async function attendLaPersonne(deps: Deps, dossierId: number, livrableId: number) {
  const t = await trouver(deps, livrableId);
  if (!t || t.dossier.id !== dossierId) return echec('LIVRABLE_INCONNU');
  if (t.livrable.statut === 'signe' || t.livrable.statut === 'signe-papier') return echec('LIVRABLE_SIGNE');
  if (t.uo.statut === 'close') return echec('UO_CLOSE');
  if (t.livrable.statut !== 'signe-conseiller') return echec('LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER');
  // Le code de signature part par courriel : sans adresse, la signature se fait sur papier.
  if (!t.dossier.email) return echec('SANS_COURRIEL');
  return { ok: true as const, ...t, email: t.dossier.email };
}

/**
 * La personne demande un code de signature : les codes précédents ne valent plus, un nouveau courriel part à l'adresse
 * du dossier (le code est tiré à l'envoi, seule son empreinte est gardée). Demander un code compte comme une
 * sollicitation (l'abandon automatique attend).
 */
export async function demanderCodeSignature(deps: DepsSignature, dossierId: number, livrableId: number) {
  const t = await attendLaPersonne(deps, dossierId, livrableId);
  if (!t.ok) return t;
  const { livrable, uo, dossier, email } = t;
  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    await d.annulerCodes(livrable.id);
    const code = await d.insererCode({
      livrableId: livrable.id,
      creeLe: instant,
      expireLe: new Date(maintenant.getTime() + DUREE_CODE_MS).toISOString(),
    });
    const aujourdHui = aujourdHuiA(deps, dossier.commune);
    await d.modifierUo(uo.id, {
      derniereSollicitation: aujourdHui > (uo.derniereSollicitation ?? '') ? aujourdHui : uo.derniereSollicitation,
      modifieLe: instant,
    });
    await mettreEnFileParcours(tx, {
      categorie: CATEGORIES_PARCOURS.code,
      destinataire: email,
      reference: uo.numero,
      donnees: { code: String(code.id) },
      maintenant,
    });
  });
  deps.signalerCourriels();
  return { ok: true as const, envoyeA: masquerCourriel(email) };
}

/** « Lu et approuvé », quelle que soit la casse, les accents, les guillemets ou les espaces. */
export const mentionValide = (mention: string) =>
  mention
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim() === 'lu et approuve';

/**
 * La personne signe : le document lu (son empreinte) doit être celui que le conseiller a signé, la mention « lu et
 * approuvé » recopiée, le code du dernier courriel valable (15 minutes, 5 essais). La signature clôt l'UO (« livrable
 * signé »), marque le livrable pour le dépôt quotidien à France compétences, et le PDF scellé part aussitôt à la personne.
 */
export async function confirmerSignature(deps: DepsSignature, dossierId: number, livrableId: number, saisie: unknown) {
  const lu = lire(schemaConfirmation, saisie);
  if (!lu.ok) return lu;
  const t = await attendLaPersonne(deps, dossierId, livrableId);
  if (!t.ok) return t;
  const { livrable, dossier, email } = t;
  if (lu.valeur.empreinte !== livrable.empreinte) return echec('DOCUMENT_MODIFIE');
  if (!mentionValide(lu.valeur.mention)) return echec('MENTION_INCORRECTE');
  const depot = depotParcours(deps.db);
  const code = await depot.dernierCode(livrable.id);
  if (!code?.empreinte || code.annule || code.utiliseLe) return echec('CODE_ABSENT');
  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  if (code.tentatives >= ESSAIS_MAX) return echec('CODE_EPUISE');
  if (code.expireLe < instant) return echec('CODE_EXPIRE');
  const attendu = Buffer.from(code.empreinte);
  const recu = Buffer.from(empreinteSecret(lu.valeur.code, String(code.id)));
  if (attendu.length !== recu.length || !timingSafeEqual(attendu, recu)) {
    await depot.modifierCode(code.id, { tentatives: code.tentatives + 1 });
    return echec(code.tentatives + 1 >= ESSAIS_MAX ? 'CODE_EPUISE' : 'CODE_INCORRECT');
  }
  const aujourdHui = aujourdHuiA(deps, dossier.commune);
  const signe = await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    if ((await d.code(code.id))?.utiliseLe) return false;
    await d.modifierCode(code.id, { utiliseLe: instant });
    return await sceller(tx, t, {
      livrable: { statut: 'signe', mention: lu.valeur.mention.trim(), canalCode: `courriel:${masquerCourriel(email)}` },
      cloture: { date: aujourdHui, acteur: 'beneficiaire' },
      audit: { action: 'parcours.signature.beneficiaire', details: { empreinte: livrable.empreinte, canal: 'courriel' } },
      aujourdHui,
      maintenant,
    });
  });
  if (!signe) return echec('LIVRABLE_SIGNE');
  deps.signalerCourriels();
  return { ok: true as const };
}

/**
 * Signature sur papier : le conseiller a signé le document (en ligne), l'a imprimé, la personne l'a signé à la main avec
 * la mention « lu et approuvé » ; le conseiller joint le scan et la date de la signature. Comme en ligne, l'UO est close
 * et le document part à la personne et à France compétences.
 */
export async function enregistrerSignaturePapier(
  deps: DepsSignature & Pick<Dependances, 'dossierPiecesJointes'>,
  acteur: { id: number },
  livrableId: number,
  envoi: { date: string; fichiers: FichierRecu[]; tropDeFichiers?: boolean },
) {
  const t = await trouver(deps, livrableId);
  if (!t) return echec('LIVRABLE_INCONNU');
  const { livrable, uo, dossier } = t;
  if (livrable.statut === 'signe' || livrable.statut === 'signe-papier') return echec('LIVRABLE_SIGNE');
  if (uo.statut === 'close') return echec('UO_CLOSE');
  if (livrable.statut !== 'signe-conseiller') return echec('LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER');
  if (!estDateCivile(envoi.date))
    return echec('SAISIE_INVALIDE', [{ champ: 'date', message: 'Indiquez la date de la signature au format AAAA-MM-JJ.' }]);
  if (envoi.date > aujourdHuiA(deps, dossier.commune)) return echec('DATE_FUTURE');
  if (envoi.date < uo.dateEngagement) return echec('DATE_AVANT_ENGAGEMENT');
  if (envoi.fichiers.length === 0) return echec('SCAN_ABSENT');
  const { pieces, erreurs } = await verifierPieces(envoi.fichiers.slice(0, 1), envoi.tropDeFichiers === true || envoi.fichiers.length > 1);
  if (erreurs.length > 0 || !pieces[0]) {
    retirerFichiers(envoi.fichiers.map((f) => f.chemin));
    return echec(
      'SAISIE_INVALIDE',
      erreurs.map((e) => ({ champ: 'scan', message: e.message })),
    );
  }
  const scan = pieces[0];
  const maintenant = deps.maintenant();
  const chemin = join('livrables', cheminDefinitif(envoi.date.slice(0, 4), scan.type));
  installerPieces(deps.dossierPiecesJointes, [{ depuis: scan.cheminTemporaire, vers: chemin }]);
  try {
    const signe = await enTransaction(deps.db, async (tx) => {
      const d = depotParcours(tx);
      await d.annulerCodes(livrable.id);
      if (
        !(await sceller(tx, t, {
          livrable: {
            statut: 'signe-papier',
            mention: 'lu et approuvé (manuscrite)',
            canalCode: 'papier',
            scanChemin: chemin,
            scanEmpreinte: scan.empreinte,
          },
          cloture: { date: envoi.date, acteur },
          audit: { action: 'parcours.signature.papier', details: { empreinte: livrable.empreinte, scan: scan.empreinte } },
          aujourdHui: aujourdHuiA(deps, dossier.commune),
          maintenant,
        }))
      )
        throw new Error('UO close entre-temps');
      return true;
    });
    deps.signalerCourriels();
    return signe ? { ok: true as const } : echec('LIVRABLE_SIGNE');
  } catch (erreur) {
    retirerFichiers([join(deps.dossierPiecesJointes, chemin)]);
    throw erreur;
  }
}

/**
 * Le PDF final d'un livrable signé : le document, une page de preuve (empreinte, signataires, instants, canal du code),
 * et le PDF exact signé joint. Produit à la demande (courriel, téléchargement, dépôt) et toujours identique.
 */
export async function pdfSigne(
  deps: { db: Executeur; deploiement: Pick<Dependances['deploiement'], 'editeur' | 'mediateur' | 'nomService'> },
  livrableId: number,
): Promise<Buffer | undefined> {
  const depot = depotParcours(deps.db);
  const livrable = await depot.livrable(livrableId);
  const original = livrable ? await depot.pdfDuLivrable(livrable.id) : null;
  if (!livrable || !original || !livrable.empreinte || !livrable.conseillerSigneLe || !livrable.beneficiaireSigneLe) return undefined;
  if (livrable.statut !== 'signe' && livrable.statut !== 'signe-papier') return undefined;
  const uo = (await depot.uo(livrable.uoId))!;
  const dossier = (await depot.dossier(uo.dossierId))!;
  const nomDuConseiller = (await depotConseillers(deps.db).compteParId(livrable.conseillerId ?? 0))?.nomAffiche ?? 'Conseiller ou conseillère CEP';
  const preuve: Preuve = {
    empreinte: livrable.empreinte,
    conseiller: { nom: nomDuConseiller, signeLe: livrable.conseillerSigneLe },
    beneficiaire:
      livrable.statut === 'signe'
        ? {
            mode: 'electronique',
            signeLe: livrable.beneficiaireSigneLe,
            mention: livrable.mention ?? '',
            canal: (livrable.canalCode ?? '').replace(/^courriel:/, 'courriel à '),
          }
        : {
            mode: 'papier',
            enregistreLe: livrable.beneficiaireSigneLe,
            scanEmpreinte: livrable.scanEmpreinte ?? '',
            enregistrePar: nomDuConseiller,
          },
  };
  return rendrePdfLivrable(deps.deploiement, await documentDuLivrable(deps, livrable, uo, dossier, livrable.conseillerSigneLe), {
    preuve,
    original,
  });
}

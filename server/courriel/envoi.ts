import nodemailer, { type Transporter } from 'nodemailer';
import type { Dependances } from '../dependances.ts';
import { DUREE_PRISE_MS, marquerAnnule, marquerEchec, marquerEnvoye, prendreCourrielsDus, type CourrielSortant } from './repository.ts';
import { composer, sansSecrets } from './composition.ts';

type DepsFacteur = Pick<Dependances, 'db' | 'deploiement' | 'journal' | 'maintenant' | 'urlPublique' | 'compositeurs'>;

/** Délais entre deux tentatives après un échec : 1 min, 5 min, 30 min, 2 h, 6 h, 12 h ; puis abandon. */
export const DELAIS_NOUVEL_ESSAI_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000];

/** Transport SMTP à partir d'une URL `smtp://utilisateur:motdepasse@hote:port` (ou `smtps://`). */
export function creerTransportSmtp(url: string): Transporter {
  return nodemailer.createTransport(url);
}

/** Au plus autant de courriels par tournée du facteur. */
const PAR_TOURNEE = 20;

/**
 * Envoie les courriels dus, au plus 20. Chacun est pris avant d'être envoyé (`prendreCourrielsDus`), un à la fois : deux
 * facteurs, sur deux instances, n'envoient jamais le même, et la prise n'a à couvrir qu'un envoi. Un échec n'arrête pas
 * les autres : il est noté et retenté plus tard.
 * @returns le nombre de courriels envoyés.
 */
export async function envoyerCourrielsDus(deps: DepsFacteur, transport: Transporter): Promise<number> {
  let envoyes = 0;
  for (let i = 0; i < PAR_TOURNEE; i++) {
    const maintenant = deps.maintenant();
    const [du] = await prendreCourrielsDus(
      deps.db,
      { maintenant: maintenant.toISOString(), prisJusqua: new Date(maintenant.getTime() + DUREE_PRISE_MS).toISOString() },
      1,
    );
    if (!du) break;
    if (await envoyerUn(deps, transport, du)) envoyes++;
  }
  return envoyes;
}

/** Envoie un courriel pris ; rend vrai s'il est parti. */
async function envoyerUn(deps: DepsFacteur, transport: Transporter, du: CourrielSortant): Promise<boolean> {
  try {
    // Un courriel mis en file à composer l'est maintenant, d'après son dossier ; s'il n'a plus lieu d'être, il est
    // annulé. Une composition qui échoue est un échec de ce courriel seul, retenté comme un envoi refusé.
    const courriel = await composer(deps, du, 'envoi');
    if (!courriel) {
      await marquerAnnule(deps.db, du.id);
      return false;
    }
    const pieces = JSON.parse(courriel.piecesJointes) as { nom: string; type: string; contenuBase64: string }[];
    await transport.sendMail({
      from: { name: deps.deploiement.editeur.nom, address: deps.deploiement.editeur.courriel },
      to: courriel.destinataire,
      subject: courriel.sujet,
      text: courriel.texte,
      html: courriel.html,
      attachments: pieces.map((p) => ({ filename: p.nom, contentType: p.type, content: Buffer.from(p.contenuBase64, 'base64') })),
    });
    // La copie gardée de ce qui est parti ne porte pas le jeton du lien privé : seule son empreinte reste en base.
    const compose = du.sujet === null ? { ...sansSecrets(courriel), piecesJointes: courriel.piecesJointes } : undefined;
    await marquerEnvoye(deps.db, du.id, deps.maintenant().toISOString(), compose);
    return true;
  } catch (erreur) {
    const tentatives = du.tentatives + 1;
    const delai = DELAIS_NOUVEL_ESSAI_MS[tentatives - 1];
    const prochain = delai === undefined ? null : new Date(deps.maintenant().getTime() + delai).toISOString();
    const message = (erreur as Error).message.slice(0, 500);
    await marquerEchec(deps.db, du.id, tentatives, message, prochain);
    // Jamais l'adresse du destinataire au journal : l'identifiant du courriel suffit à le retrouver.
    deps.journal.warn('courriel.echec', { courriel: du.id, categorie: du.categorie, tentatives, abandon: prochain === null, erreur: message });
    return false;
  }
}

/**
 * Le facteur : envoie les courriels dus toutes les `intervalleMs`, et aussitôt qu'on le réveille
 * (après une transaction qui en a mis en file). Un seul envoi à la fois.
 */
export function demarrerFacteur(deps: DepsFacteur, transport: Transporter, intervalleMs = 15_000) {
  let enCours: Promise<void> | undefined;
  let encore = false;
  const tournee = () => {
    if (enCours) {
      encore = true;
      return;
    }
    enCours = envoyerCourrielsDus(deps, transport)
      .then(() => undefined)
      .catch((erreur: unknown) => deps.journal.error('courriel.facteur', { message: (erreur as Error).message }))
      .finally(() => {
        enCours = undefined;
        if (encore) {
          encore = false;
          tournee();
        }
      });
  };
  const minuteur = setInterval(tournee, intervalleMs);
  minuteur.unref();
  tournee();
  return {
    reveiller: tournee,
    async arreter() {
      clearInterval(minuteur);
      await enCours;
      transport.close();
    },
  };
}

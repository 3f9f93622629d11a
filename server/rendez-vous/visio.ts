import { enTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { mettreEnFile } from '../courriel/repository.ts';
import { composerCourriel } from '../courriel/modele.ts';
import type { Dependances } from '../dependances.ts';
// eslint-disable-next-line no-restricted-syntax -- des constantes du schéma (les mêmes sur les deux moteurs), pas des tables
import { SANS_COURRIEL } from '../../db/schema/rendez-vous.ts';
import { afficherCreneau } from './creneau-lisible.ts';
import { numeroLisible } from './numero-dossier.ts';
import { depotRendezVous } from './repository.ts';

/** Le lien de visioconférence saisi par le conseiller : une adresse https complète, 500 caractères au plus. */
export const schemaLienVisio = z
  .string({ error: 'Collez le lien de la visioconférence.' })
  .trim()
  .max(500, 'Le lien tient en 500 caractères au plus.')
  .pipe(
    z.url({
      protocol: /^https$/,
      hostname: z.regexes.domain,
      error: 'Collez un lien complet qui commence par https://, par exemple https://visio.exemple.fr/salle-123.',
    }),
  );

/** Catégorie du courriel qui donne le lien à la personne. */
export const CATEGORIE_LIEN_VISIO = 'rendez-vous.lien-visio';

/**
 * Ajoute (ou remplace) le lien de visioconférence d'un rendez-vous en visio à venir : gardé sur la demande, montré sur
 * le lien privé de la personne, et envoyé par courriel si elle a une adresse. Tracé au journal d'audit (sans le lien).
 */
export async function ajouterLienVisio(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'signalerCourriels'>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  reference: string,
  saisie: unknown,
): Promise<{ ok: true; envoye: boolean } | { ok: false; champ: string; message: string }> {
  const lu = schemaLienVisio.safeParse(saisie);
  if (!lu.success) return { ok: false, champ: 'lienVisio', message: lu.error.issues[0]!.message };
  const depot = depotRendezVous(deps.db);
  const demande = await depot.demandeParReference(reference);
  if (!demande || !deps.deploiement.lots.includes(demande.lot))
    return { ok: false, champ: 'requete', message: 'Cette demande n’existe pas.' };
  const creneau = demande.creneauId ? await depot.creneau(demande.creneauId) : undefined;
  const maintenant = deps.maintenant();
  if (demande.statut !== 'ouverte' || demande.modalite !== 'visio' || !creneau || creneau.debut <= maintenant.toISOString())
    return { ok: false, champ: 'lienVisio', message: 'Un lien ne s’ajoute qu’à un rendez-vous en visioconférence à venir.' };
  const instant = maintenant.toISOString();
  const envoye = demande.email !== SANS_COURRIEL;
  await enTransaction(deps.db, async (tx) => {
    await depotRendezVous(tx).modifierDemande(demande.id, { lienVisio: lu.data, modifieLe: instant });
    if (envoye)
      await mettreEnFile(tx, {
        ...composerCourriel(deps.deploiement, {
          sujet: `Le lien de votre rendez-vous en visioconférence – dossier ${numeroLisible(demande.reference)}`,
          salutation: `Bonjour ${demande.prenom} ${demande.nom},`,
          blocs: [
            `Voici le lien de votre rendez-vous en visioconférence du ${afficherCreneau(creneau).texte}.`,
            { lien: lu.data, texte: 'Rejoindre la visioconférence' },
            'Il est aussi sur votre lien personnel de suivi. Un souci technique le jour venu ? Appelez-nous.',
          ],
        }),
        destinataire: demande.email,
        categorie: CATEGORIE_LIEN_VISIO,
        reference: demande.reference,
        envoyerApres: instant,
      });
    await journaliserAction(tx, {
      acteur: acteurCompte(conseiller.id),
      action: 'rendez-vous.lien-visio',
      cible: demande.reference,
      horodatage: instant,
    });
  });
  if (envoye) deps.signalerCourriels();
  return { ok: true, envoye };
}

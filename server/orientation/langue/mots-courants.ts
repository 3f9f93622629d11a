// Mots courants qu'il ne faut jamais « corriger » vers le vocabulaire des règles (« salaire » n'est pas « salarié »,
// « Marie » n'est pas « mairie », « lycée » n'est pas « lycéen ») et qui ne sont pas des noms de commune dans une phrase.
export const MOTS_COURANTS = new Set(
  `
  bonjour bonsoir salut merci alors aussi avant apres avec chez comme comment dans depuis donc encore entre
  environ jamais jusqu lorsque maintenant moins parce pendant plusieurs pourquoi quand quelque quelques sans
  selon sous toujours toute toutes tous tres vraiment voila vraie beaucoup souvent parfois peut etre
  aujourd hui demain hier semaine semaines annee annees mois jours heure heures matin soir weekend week end
  janvier fevrier mars avril juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi
  vendredi samedi dimanche
  salaire salaires paye argent prime primes retraites pension contrats lycee lycees ecole ecoles college
  colleges universites marie marine pierre paul louis julie sophie nicolas prise prises price basse basses
  maire maires mairies ouvrir ouvert ouverte ouverture apprendre comprendre entendre prendre rendre attendre
  personne personnes famille enfant enfants parents mari femme homme epoux epouse fille fils maison appartement
  voiture permis sante malade maladie medecin hopital clinique magasin usine bureau bureaux entreprise entreprises
  societe societes boite boites metier metiers secteur secteurs domaine domaines experience experiences diplome
  diplomes niveau niveaux projet projets question questions reponse reponses besoin besoins envie envies aide
  aider aides conseil conseils conseiller information informations demande demandes rendez vous telephone
  adresse courriel email ville villes region regions commune communes departement quartier centre banlieue
  france grand grande petit petite nouveau nouvelle autre autres meme memes seule seul premier premiere
  dernier derniere bonne mauvais mauvaise facile difficile possible important longtemps rapidement vite
  faire fait faite faites avoir etre aller venir pouvoir vouloir savoir devoir falloir mettre donner trouver
  penser croire parler passer rester tenir porter sortir partir arriver entrer monter descendre tomber
  quitter quitte quittee changer change aimer aime aimerais voudrais veux souhaite souhaiterais pense crois
  sais savais connais peux pourrais dois devrais faut fallait avais etais serais suis sommes sont etait
  ecrire ecrit lire parle parlez merci svp stp excusez desole desolee voici cette cettes celui celle ceux
  quoi rien tout trop assez combien chaque aucun aucune certain certaine plupart
  vente ventes commerce commerces banque banques informatique batiment menage menages cuisine restauration
  transport logistique nettoyage accueil bureautique comptabilite
  `
    .split(/\s+/)
    .filter(Boolean),
);

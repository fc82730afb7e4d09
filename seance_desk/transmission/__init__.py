"""After the session, towards the préfecture and the public (issue 13 § 7-8): the @ctes
transmission bundle of each délibération (bundle.py), its upload through S²LOW's form API
(s2low.py), the préfecture's acknowledgement read safely (aracte.py), and the year's délibérations
as the SCDL open-data CSV (scdl.py). Nothing here touches the journal: service/after_session.py
records what happened."""

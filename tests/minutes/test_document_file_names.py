"""The documents' file names: the assembly's short slug, the day and the convened hour, so that a
commune and its communauté de communes meeting the same evening at the same hour, exported into one
folder, keep each its documents (issue 9 § 8)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from seance_desk.documents.builders.document_set import document_set
from seance_desk.documents.builders.file_names import SLUG_MAX, assembly_slug, pv_file_name
from seance_desk.models.assembly import Assembly
from seance_desk.models.enums import BodyKind
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.documents import SessionDocuments
from tests.file_format.sessions import build_commune_session


@pytest.mark.parametrize(("kind", "name", "slug"), [
    (BodyKind.COMMUNE, "Commune de Saint-Aubin-sur-Loire", "saint-aubin-sur-loire"),
    (BodyKind.COMMUNE, "Ville du Mans", "le-mans"),
    (BodyKind.COMMUNE, "Mairie des Andelys", "les-andelys"),
    (BodyKind.EPCI, "Communauté de communes Touraine-Est", "cc-touraine-est"),
    (BodyKind.EPCI, "Communauté d’agglomération du Pays de Dreux", "ca-pays-dreux"),
    (BodyKind.SYNDICAT_MIXTE, "Syndicat mixte du bassin de l'Indre", "sm-bassin-indre"),
    (BodyKind.DEPARTEMENT, "Département d'Indre-et-Loire", "departement-indre-loire"),
    (BodyKind.REGION, "Conseil régional Centre-Val de Loire", "region-centre-val-loire"),
    (BodyKind.COMMUNE, "« *** »", "assemblee"),
    (BodyKind.EPCI, "../../etc/passwd", "etc-passwd"),
])
def test_the_assembly_slug(kind, name, slug):
    assert assembly_slug(Assembly("x", kind, name, 1, ())) == slug


def test_a_long_name_is_cut_between_words():
    name = "Syndicat intercommunal d'aménagement et d'entretien des rivières et ruisseaux du bassin versant de la Vienne"
    slug = assembly_slug(Assembly("x", BodyKind.SYNDICAT_MIXTE, name, 1, ()))
    assert len(slug) <= SLUG_MAX and slug.startswith("si-amenagement-entretien") and not slug.endswith("-")
    assert slug == "si-amenagement-entretien-rivieres"  # whole words only: « ruisseaux » would pass 40


def test_two_assemblies_of_one_evening_keep_each_their_documents(tmp_path):
    built = build_commune_session()
    commune = SessionState.fold(built.assembly, built.setup, built.events)
    # The communauté meets the same day at the same hour (another session, same convened time).
    cc_assembly = replace(built.assembly, id="cc-touraine-est", kind=BodyKind.EPCI, name="Communauté de communes Touraine-Est", seat="Tours")
    communaute = SessionState.fold(cc_assembly, replace(built.setup, id="cc-2026-11-20"), [])
    assert commune.setup.date == communaute.setup.date and commune.setup.start_time == communaute.setup.start_time
    commune_names = [name for name, _ in document_set(commune)]
    communaute_names = [name for name, _ in document_set(communaute)]
    assert not set(commune_names) & set(communaute_names)
    assert commune_names[0] == pv_file_name(commune) == "proces-verbal-saint-test-2026-11-20-18h30.pdf"
    assert communaute_names[0] == "proces-verbal-cc-touraine-est-2026-11-20-18h30.pdf"
    assert all(name.startswith("extrait-saint-test-2026-11-20-18h30-") for name in commune_names if name.startswith("extrait-"))

    out = tmp_path / "documents"
    first = SessionDocuments(commune, None).write_all(out)
    SessionDocuments(communaute, None).write_all(out)
    assert {d.path.name for d in first.documents} <= {p.name for p in out.iterdir()}  # nothing replaced
    assert len(list(out.iterdir())) == len(commune_names) + len(communaute_names)


def test_the_signed_pv_is_named_apart():
    built = build_commune_session()
    state = SessionState.fold(built.assembly, built.setup, built.events)
    assert pv_file_name(state, signed=True) == "proces-verbal-signe-saint-test-2026-11-20-18h30.pdf"

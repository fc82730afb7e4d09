"""`seance-desk visio RAPPORT.csv --seance N`: the videoconference's attendance report matched to the
members of a stored session, and the arrivals and departures it suggests — printed, never applied
(the window applies them, after the chair's confirmation)."""

from __future__ import annotations

from .errors import EXIT_OK, UserError, open_store, run


def cmd_visio(args) -> int:
    from ..files.visio_attendance import match_report, text_report
    from ..files.visio_report import VisioReportError, read_visio_report
    from ..service.session import SessionService

    try:
        report = read_visio_report(args.file)
    except VisioReportError as exc:
        raise UserError(str(exc)) from None
    service = run(lambda: SessionService(open_store(), args.seance))  # verified on load
    print(text_report(match_report(report, service.state), service.state))
    return EXIT_OK

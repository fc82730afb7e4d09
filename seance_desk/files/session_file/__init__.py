"""A whole session as one JSON file (docs/session-file-format.md): export, import, verify.

Pure Python like the domain it serialises; the CLI and the store call these functions.
"""

from .format import FORMAT, SUPPORTED_VERSIONS, VERSION, SessionFile, SessionFileError
from .reader import parse_session_file, read_session_file
from .verify import verify_session_bytes, verify_session_file
from .writer import GENERATOR, session_file_bytes, write_session_file

__all__ = [
    "FORMAT",
    "GENERATOR",
    "SUPPORTED_VERSIONS",
    "VERSION",
    "SessionFile",
    "SessionFileError",
    "parse_session_file",
    "read_session_file",
    "session_file_bytes",
    "verify_session_bytes",
    "verify_session_file",
    "write_session_file",
]

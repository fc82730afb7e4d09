"""The procès-verbal editor's own keys, for the help dialog (F1). Apart from the editor's module,
which the window imports only when the secretary's tab is first shown: the help lists them from the start."""

KEYS_WHERE = "Procès-verbal (éditeur)"
KEYS_HELP = (
    ("Ctrl+B", "Gras (dans la teneur des discussions)"),
    ("Ctrl+I", "Italique (dans la teneur des discussions)"),
    ("Ctrl+Z", "Annuler la frappe — dans l'éditeur du PV seulement (ailleurs : annuler une action)"),
    ("Ctrl+Y", "Rétablir la frappe — dans l'éditeur du PV seulement"),
)

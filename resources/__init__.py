"""Package data (icons, fonts, presets), shipped as seance_desk.resources; load with importlib.resources."""

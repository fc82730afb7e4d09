"""The documents the law requires: builders (pure text), PDF rendering, signing, the replay report."""

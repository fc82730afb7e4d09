"""The demo session and the benchmark."""

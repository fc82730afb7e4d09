"""The application's services: the live session (engine + store) and what the start needs."""

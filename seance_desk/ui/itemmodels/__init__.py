"""Qt item models behind the panels' tables ("models" already names the domain)."""

"""The chair's panels, one per job (roll call, agenda, speakers, vote, minutes, gauge, display)."""

"""Everything that reads or writes an outside file: session files, rosters, agendas, voting-box exports."""

"""Observatory export (format ``medios-observatoire/1``, domain brief §7)."""

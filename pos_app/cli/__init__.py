"""`loyalty-pos`: the terminal's command line."""

"""Pure card rules: programs, cards and operations. No Qt, no SQL, no IO."""

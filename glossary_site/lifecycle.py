"""What follows a save."""

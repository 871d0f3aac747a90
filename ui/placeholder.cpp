// Removed once the first widget lands.

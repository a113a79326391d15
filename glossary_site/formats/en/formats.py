# Pages have always shown the month in full; Django's English default abbreviates it.
DATE_FORMAT = "F j, Y"

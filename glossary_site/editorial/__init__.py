"""What editors use in the admin: the base admin of publishable items, publishing
states and actions, revisions and recovery, edit conflicts and their diffs, the
staff-only editor endpoints and the import/export file format."""

"""Versions of a journey: the semantic diff of two, the three-way merge of three, git set-up.

No Qt and no files here except through `journeymap.io`: `diff_journeys(old, new)` and
`merge_journeys(base, ours, theirs)` work on `Journey` objects; `journeymap.versions.render`
prints a diff; the `diff`, `merge` and `git-setup` commands wrap them for the shell and git.
"""

"""Rating: targets and bands, Red/Amber/Green, and direction of travel.

Pure functions over frozen values; the targets file is read at the boundary in
:mod:`kpibook.rating.targets_file`.
"""

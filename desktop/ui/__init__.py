"""The Qt side of Sotto: windows, views and the workers that keep slow work off the GUI thread."""

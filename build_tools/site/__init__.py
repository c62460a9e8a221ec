"""The published web site around the Sphinx sites: language chooser, browser, screenshots."""

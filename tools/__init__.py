"""Developer tools that are not the product: the screenshot run and the bulk scale loader.
Found beside the package in a checkout and frozen into the bundle; never installed by pip."""

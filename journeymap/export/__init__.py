"""Exports of a journey: PDF, images and text formats, drawn from the shared layout."""

"""The Cases page, in one small module per tab; `page.draw` composes them."""

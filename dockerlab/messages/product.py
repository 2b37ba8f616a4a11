"""The messages of ``dockerlab.product``: key -> (Indonesian, English)."""

MESSAGES = {
    # product.py: the label before an equivalent command line; {tool} is Docker or Podman
    "product.equivalent": ("Perintah {tool} yang setara", "The equivalent {tool} command"),
}

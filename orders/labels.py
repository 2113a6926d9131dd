"""How order lines name what was bought."""


def variant_display_name(variant) -> str:
    """`Talla: M · Color: Rojo`, the variant's own name, or nothing for a single version."""
    pairs = [f"{name}: {value}" for name, value in variant.option_pairs]
    if pairs:
        return " · ".join(pairs)[:200]
    return (variant.name or "")[:200]

from .models import Municipality


def municipality_list():
    return Municipality.objects.order_by("name")

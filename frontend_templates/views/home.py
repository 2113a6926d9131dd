from django.shortcuts import render

from marketplace.core.selectors import municipality_list


def home(request):
    return render(request, "pages/home.html", {"municipalities": municipality_list()})

from django.http import HttpResponse


def graphql_view(request):  # replaced by the GraphQL core
    return HttpResponse(status=501)

"""The validator's allow-lists, hand-curated: what submitted Python may name. Data only, standard library only.

validate.py reads this file (and validate_names.json, generated from it by validate_build.py). Anything not listed
here is refused with a message naming it; nothing is allowed because it is missing from a deny-list.

MODULES: for each importable module path, the attributes user code may reach on the module object, as
"name" (a function, class or constant) or "name/" (a submodule, itself a key). Chosen from what numeric, data and
strategy code needs; left out on purpose (each was a known or likely route around the checks):
  numpy: lib, core, compat, ctypeslib, testing internals, f2py, distutils, load (unpickles; allow_pickle is
         positional), memmap, DataSource, bmat (looks names up in the caller's frame: np.bmat("__builtins__")),
         info/source/lookfor/who (pydoc, inspect), safe_eval, set_string_function/set_numeric_ops/seterrcall
         (install callbacks), add_newdoc*, deprecate*, get_include, show_config, test, math (the math module again)
  pandas: core, io, compat, util, plotting, api.extensions/interchange, eval, read_pickle/to_pickle, read_hdf and
         HDFStore (unpickle), read_clipboard (runs xclip), read_sql*, read_gbq, read_html/read_xml (fetch URLs),
         ExcelWriter/ExcelFile/read_excel (engines imported by name), options (attribute writes), test, show_versions
  random: _os, _sha512 and every other private name; functools: partial only; collections: not abc
"""


def _names(text):
    return frozenset(text.split())


MODULES = {
    "numpy": _names("""
        linalg/ random/ fft/ polynomial/ testing/
        abs absolute add all allclose amax amin angle any append apply_along_axis apply_over_axes arange arccos
        arccosh arcsin arcsinh arctan arctan2 arctanh argmax argmin argpartition argsort argwhere around array
        array2string array_equal array_equiv array_repr array_split array_str asanyarray asarray asarray_chkfinite
        ascontiguousarray asfarray asfortranarray atleast_1d atleast_2d atleast_3d average bartlett base_repr
        binary_repr bincount bitwise_and bitwise_not bitwise_or bitwise_xor blackman block bool_ broadcast
        broadcast_arrays broadcast_shapes broadcast_to busday_count busday_offset busdaycalendar byte bytes_ c_
        can_cast cbrt cdouble ceil cfloat character choose clip clongdouble column_stack common_type complex128
        complex64 complex_ complexfloating compress concatenate conj conjugate convolve copy copysign copyto corrcoef
        correlate cos cosh count_nonzero cov cross csingle cumprod cumsum datetime64 datetime_as_string
        datetime_data deg2rad degrees delete diag diag_indices diag_indices_from diagflat diagonal diff digitize
        divide divmod dot double dsplit dstack dtype e ediff1d einsum einsum_path empty empty_like equal errstate
        euler_gamma exp exp2 expand_dims expm1 extract eye fabs fill_diagonal finfo fix flatnonzero flexible flip
        fliplr flipud float16 float32 float64 float128 float_ float_power floating floor floor_divide fmax fmin fmod
        format_float_positional format_float_scientific frexp frombuffer fromfunction fromiter frompyfunc fromstring
        full full_like gcd generic genfromtxt geomspace get_printoptions geterr gradient greater greater_equal half
        hamming hanning heaviside histogram histogram2d histogram_bin_edges histogramdd hsplit hstack hypot i0
        identity iinfo imag in1d index_exp indices inexact inf int16 int32 int64 int8 int_ intc integer interp
        intersect1d intp invert is_busday isclose iscomplex iscomplexobj isfinite isfortran isin isinf isnan isnat
        isneginf isposinf isreal isrealobj isscalar issubdtype iterable ix_ kaiser kron lcm ldexp left_shift less
        less_equal lexsort linspace loadtxt log log10 log1p log2 logaddexp logaddexp2 logical_and logical_not
        logical_or logical_xor logspace longdouble longlong mask_indices matmul matrix max maximum mean median
        meshgrid mgrid min minimum mod modf moveaxis msort multiply nan nan_to_num nanargmax nanargmin nancumprod
        nancumsum nanmax nanmean nanmedian nanmin nanpercentile nanprod nanquantile nanstd nansum nanvar ndarray ndim
        ndenumerate ndindex negative newaxis nextafter nonzero not_equal number object_ ogrid ones ones_like outer
        packbits pad partition percentile pi piecewise place poly poly1d polyadd polyder polydiv polyfit polyint
        polymul polysub polyval positive power printoptions prod promote_types ptp put put_along_axis putmask
        quantile r_ rad2deg radians ravel ravel_multi_index real real_if_close reciprocal remainder repeat require
        reshape resize result_type right_shift rint roll rollaxis roots rot90 round round_ row_stack s_ save savetxt
        savez savez_compressed searchsorted select set_printoptions setdiff1d seterr setxor1d shape shares_memory
        short sign signbit signedinteger sin sinc single sinh size sort sort_complex spacing split sqrt square
        squeeze stack std str_ subtract sum swapaxes take take_along_axis tan tanh tensordot tile timedelta64 trace
        transpose trapz tri tril tril_indices tril_indices_from trim_zeros triu triu_indices triu_indices_from
        true_divide trunc ubyte ufunc uint uint16 uint32 uint64 uint8 uintc uintp ulonglong union1d unique
        unpackbits unravel_index unsignedinteger unwrap ushort vander var vdot vectorize vsplit vstack where zeros
        zeros_like AxisError ComplexWarning RankWarning VisibleDeprecationWarning
    """),
    "numpy.linalg": _names("""
        LinAlgError cholesky cond det eig eigh eigvals eigvalsh inv lstsq matrix_power matrix_rank multi_dot norm
        pinv qr slogdet solve svd tensorinv tensorsolve
    """),
    "numpy.random": _names("""
        Generator RandomState SeedSequence PCG64 MT19937 Philox SFC64 default_rng seed get_state set_state beta
        binomial bytes chisquare choice dirichlet exponential f gamma geometric gumbel hypergeometric laplace logistic
        lognormal logseries multinomial multivariate_normal negative_binomial noncentral_chisquare noncentral_f normal
        pareto permutation poisson power rand randint randn random random_integers random_sample ranf rayleigh sample
        shuffle standard_cauchy standard_exponential standard_gamma standard_normal standard_t triangular uniform
        vonmises wald weibull zipf
    """),
    "numpy.fft": _names("""
        fft fft2 fftfreq fftn fftshift hfft ifft ifft2 ifftn ifftshift ihfft irfft irfft2 irfftn rfft rfft2 rfftfreq
        rfftn
    """),
    "numpy.polynomial": _names("Polynomial Chebyshev Legendre Hermite HermiteE Laguerre"),
    "numpy.testing": _names("""
        assert_allclose assert_almost_equal assert_approx_equal assert_array_almost_equal assert_array_equal
        assert_array_less assert_equal
    """),
    "pandas": _names("""
        api/ offsets/ testing/
        ArrowDtype BooleanDtype Categorical CategoricalDtype CategoricalIndex DataFrame DateOffset DatetimeIndex
        DatetimeTZDtype Flags Float32Dtype Float64Dtype Grouper Index IndexSlice Int16Dtype Int32Dtype Int64Dtype
        Int8Dtype Interval IntervalDtype IntervalIndex MultiIndex NA NaT NamedAgg Period PeriodDtype PeriodIndex
        RangeIndex Series SparseDtype StringDtype Timedelta TimedeltaIndex Timestamp UInt16Dtype UInt32Dtype
        UInt64Dtype UInt8Dtype array bdate_range concat crosstab cut date_range describe_option factorize
        from_dummies get_dummies get_option infer_freq interval_range isna isnull json_normalize lreshape melt merge
        merge_asof merge_ordered notna notnull option_context period_range pivot pivot_table qcut read_csv read_fwf
        read_json read_table reset_option set_eng_float_format set_option timedelta_range to_datetime to_numeric
        to_timedelta unique value_counts wide_to_long
    """),
    "pandas.api": _names("types/"),
    "pandas.api.types": _names("""
        CategoricalDtype DatetimeTZDtype IntervalDtype PeriodDtype infer_dtype is_array_like is_bool is_bool_dtype
        is_categorical_dtype is_complex is_complex_dtype is_datetime64_any_dtype is_datetime64_dtype
        is_datetime64_ns_dtype is_datetime64tz_dtype is_dict_like is_dtype_equal is_extension_array_dtype is_float
        is_float_dtype is_hashable is_int64_dtype is_integer is_integer_dtype is_interval_dtype is_iterator
        is_list_like is_named_tuple is_number is_numeric_dtype is_object_dtype is_period_dtype is_re is_scalar
        is_signed_integer_dtype is_string_dtype is_timedelta64_dtype is_timedelta64_ns_dtype
        is_unsigned_integer_dtype pandas_dtype union_categoricals
    """),
    "pandas.offsets": _names("""
        BDay BMonthBegin BMonthEnd BQuarterBegin BQuarterEnd BYearBegin BYearEnd BusinessDay BusinessHour
        BusinessMonthBegin BusinessMonthEnd CDay CustomBusinessDay DateOffset Day Easter Hour LastWeekOfMonth Micro
        Milli Minute MonthBegin MonthEnd Nano QuarterBegin QuarterEnd Second SemiMonthBegin SemiMonthEnd Week
        WeekOfMonth YearBegin YearEnd
    """),
    "pandas.testing": _names("assert_frame_equal assert_index_equal assert_series_equal"),
    "math": _names("""
        acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist e erf erfc exp exp2
        expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot inf isclose isfinite isinf isnan isqrt lcm ldexp
        lgamma log log10 log1p log2 modf nan nextafter perm pi pow prod radians remainder sin sinh sqrt tan tanh tau
        trunc ulp
    """),
    "statistics": _names("""
        NormalDist StatisticsError correlation covariance fmean geometric_mean harmonic_mean linear_regression mean
        median median_grouped median_high median_low mode multimode pstdev pvariance quantiles stdev variance
    """),
    "random": _names("""
        Random SystemRandom betavariate choice choices expovariate gammavariate gauss getrandbits getstate
        lognormvariate normalvariate paretovariate randbytes randint random randrange sample seed setstate shuffle
        triangular uniform vonmisesvariate weibullvariate
    """),
    "datetime": _names("MAXYEAR MINYEAR UTC date datetime time timedelta timezone tzinfo"),
    "json": _names("JSONDecodeError JSONDecoder JSONEncoder dump dumps load loads"),
    "itertools": _names("""
        accumulate chain combinations combinations_with_replacement compress count cycle dropwhile filterfalse
        groupby islice pairwise permutations product repeat starmap takewhile tee zip_longest
    """),
    "functools": _names("partial"),
    "collections": _names("ChainMap Counter OrderedDict UserDict UserList UserString defaultdict deque namedtuple"),
    "re": _names("""
        A ASCII DOTALL I IGNORECASE M MULTILINE Match NOFLAG Pattern S U UNICODE VERBOSE X compile error escape
        findall finditer fullmatch match search split sub subn
    """),
    "decimal": _names("""
        Context Decimal DecimalException DivisionByZero Inexact InvalidOperation Overflow ROUND_05UP ROUND_CEILING
        ROUND_DOWN ROUND_FLOOR ROUND_HALF_DOWN ROUND_HALF_EVEN ROUND_HALF_UP ROUND_UP Rounded Underflow getcontext
        localcontext setcontext
    """),
    "fractions": _names("Fraction"),
}

# Classes that may be named only where no instance is made: isinstance/issubclass, comparisons, annotations, and as
# the receiver of a method (np.ndarray.sum). np.ndarray(shape, object, buffer=bytearray(...)) reads object pointers
# from bytes the program wrote. type(x) follows the same rule (plus print/str/repr/f-strings): t = type(arr) is
# np.ndarray again.
REFERENCE_ONLY = {("numpy", "ndarray")}

# Keywords that turn a library's memory-safety check off (ndarray.resize(refcheck=False) frees memory that views still
# read): only the literal safe value is accepted, and these calls may not take **mapping.
SAFE_KEYWORDS = {"refcheck": True}
SAFE_KEYWORD_CALLS = _names("resize")

# Builtins user code may name. Left out: eval exec compile __import__ open input globals locals vars getattr-like
# helpers with computed names (getattr/setattr/delattr/hasattr are allowed with a literal name only, below),
# breakpoint help memoryview exit quit license credits copyright, and every dunder.
BUILTINS = _names("""
    abs aiter all anext any ascii bin bool bytearray bytes callable chr classmethod complex dict dir divmod
    enumerate filter float format frozenset hash hex id int isinstance issubclass iter len list map max min next
    object oct ord pow print property range repr reversed round set slice sorted staticmethod str sum super tuple
    type zip True False None Ellipsis NotImplemented
    ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BufferError BytesWarning
    DeprecationWarning EOFError EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError
    FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError IndexError
    InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError NameError
    NotADirectoryError NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError
    RecursionError ReferenceError RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError
    SyntaxWarning SystemError TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning
    ZeroDivisionError
""")
ATTR_FUNCS = _names("getattr setattr delattr hasattr")

# Dunder methods a class may define (the data model a course teaches). Not: __getattr__/__getattribute__/__setattr__
# (attribute hooks), __new__, __init_subclass__, __set_name__, __class_getitem__, __reduce__*, __del__ ...
DUNDER_METHODS = _names("""
    __init__ __repr__ __str__ __format__ __eq__ __ne__ __lt__ __le__ __gt__ __ge__ __hash__ __bool__ __len__
    __iter__ __next__ __reversed__ __contains__ __getitem__ __setitem__ __delitem__ __missing__ __call__ __enter__
    __exit__ __add__ __radd__ __iadd__ __sub__ __rsub__ __isub__ __mul__ __rmul__ __imul__ __truediv__
    __rtruediv__ __itruediv__ __floordiv__ __rfloordiv__ __ifloordiv__ __mod__ __rmod__ __imod__ __pow__ __rpow__
    __ipow__ __matmul__ __rmatmul__ __divmod__ __rdivmod__ __neg__ __pos__ __abs__ __invert__ __round__ __floor__
    __ceil__ __trunc__ __int__ __float__ __complex__ __index__ __and__ __rand__ __or__ __ror__ __xor__ __rxor__
    __lshift__ __rlshift__ __rshift__ __rrshift__
""")

# Methods that turn a string argument into an attribute lookup (pandas' agg/apply/transform call getattr(obj, s),
# then getattr(numpy, s); rolling's win_type is looked up on scipy.signal; pivot_table/crosstab pass aggfunc to agg).
# At a call, the dispatched arguments must be functions or literal names; the method itself is never a value.
# name: (positional indexes that dispatch, keywords that dispatch, most positional arguments allowed)
DISPATCH = {
    "agg": ((0,), ("func", "arg"), 99),
    "aggregate": ((0,), ("func", "arg"), 99),
    "apply": ((0,), ("func",), 99),
    "transform": ((0,), ("func",), 99),
    "pivot_table": ((), ("aggfunc",), 3),
    "crosstab": ((), ("aggfunc",), 2),
    "NamedAgg": ((1,), ("aggfunc",), 2),
    "rolling": ((), ("win_type",), 3),
    "pct_change": ((1,), ("fill_method",), 99),  # GroupBy.pct_change: getattr(self, fill_method)(limit=...)
    "filter": ((0,), ("func",), 99),  # SeriesGroupBy.filter("name"); DataFrame.filter takes items= for labels
}
# rolling(win_type=...) looks its string up on scipy.signal: the window names scipy documents.
WIN_TYPES = _names("""
    barthann bartlett blackman blackmanharris bohman boxcar chebwin cosine dpss exponential flattop gaussian
    general_cosine general_gaussian general_hamming hamming hann kaiser lanczos nuttall parzen taylor triang tukey
""")
# Where a list, tuple or dict of names dispatches each element (df.agg(["mean", "std"]), agg({"p": "last"})); for
# the others only a bare string does (df.filter(["a", "b"]) selects columns).
DISPATCH_CONTAINERS = _names("agg aggregate apply transform pivot_table crosstab")
NAMED_AGG = _names("agg aggregate")  # their other keywords are named aggregations: name=("column", func)

# Attribute names allowed on any value beyond the public surface of VALUE_TYPES (validate_build.py), each audited by
# the build on every library class that has it: the namedtuple API, OHLCV columns, generator and partial attributes,
# and words students use for their own attributes that some library class also has (pathlib.Path.owner,
# ast.FunctionDef.returns ...), which would otherwise make a learner rename `self.owner`. Where the audit found
# something behind one (evaluate: pandas' expression ops; parse, error: six.moves modules), the reason it is out of
# reach is in validate_build.REVIEWED.
OBJECT_EXTRA = _names("""
    _asdict _replace _fields _make _field_defaults open high low close volume send throw fget fset fdel
    setter getter deleter func args keywords
    owner fast returns alpha width next prev children parent key id level depth area engine params positions rng
    queue log verbose cache memo description category check compute connect display drive elapsed emit
    errors execute exit flush generate handle hash kwargs listen message move node notify peek
    position process push ratio read record render reset root run save table traverse write
    state status config options model models records entry entries body content cursor finish seen src flag
    visible enabled ret timeout idx book buffer counts current density finished ids method offset target text user
    path evaluate parse error debug
""")

# Where the public attributes allowed on values come from (module:qualname, imported by validate_build.py only).
VALUE_TYPES = _names("""
    builtins:str builtins:bytes builtins:bytearray builtins:list builtins:tuple builtins:dict builtins:set
    builtins:frozenset builtins:int builtins:float builtins:complex builtins:bool builtins:range builtins:slice
    builtins:BaseException builtins:OSError builtins:StopIteration builtins:property
    numpy:ndarray numpy:generic numpy:float64 numpy:int64 numpy:datetime64 numpy:timedelta64 numpy:dtype numpy:ufunc
    numpy:finfo numpy:iinfo numpy:poly1d numpy:matrix numpy:flatiter numpy:errstate numpy:busdaycalendar
    numpy.random:Generator numpy.random:RandomState numpy.random:SeedSequence numpy.polynomial:Polynomial
    pandas:Series pandas:DataFrame pandas:Index pandas:RangeIndex pandas:DatetimeIndex pandas:TimedeltaIndex
    pandas:PeriodIndex pandas:MultiIndex pandas:CategoricalIndex pandas:IntervalIndex pandas:Timestamp
    pandas:Timedelta pandas:Period pandas:Interval pandas:Categorical pandas:CategoricalDtype pandas:DatetimeTZDtype
    pandas:DateOffset pandas:Grouper pandas:NamedAgg pandas:Flags
    pandas.core.strings.accessor:StringMethods pandas.core.indexes.accessors:DatetimeProperties
    pandas.core.indexes.accessors:TimedeltaProperties pandas.core.arrays.categorical:CategoricalAccessor
    pandas.core.groupby.generic:DataFrameGroupBy pandas.core.groupby.generic:SeriesGroupBy
    pandas.core.window.rolling:Rolling pandas.core.window.rolling:Window pandas.core.window.expanding:Expanding
    pandas.core.window.ewm:ExponentialMovingWindow pandas.core.resample:DatetimeIndexResampler
    pandas.core.arrays.numpy_:PandasArray
    datetime:date datetime:datetime datetime:time datetime:timedelta datetime:timezone decimal:Decimal
    decimal:Context fractions:Fraction collections:deque collections:Counter collections:defaultdict
    collections:OrderedDict collections:ChainMap random:Random re:Pattern re:Match json:JSONEncoder
    json:JSONDecoder statistics:NormalDist
""")

# Public names of VALUE_TYPES that are refused anyway, with the reason.
OBJECT_EXCLUDE = {
    "ctypes": "raw pointers into the array's memory",
    "dump": "pickles", "dumps": "pickles", "to_pickle": "pickles",
    "eval": "evaluates a string (pandas' @name.attr lookups)", "query": "evaluates a string",
    "style": "jinja2 templates (df.style.env.from_string)", "plot": "loads matplotlib", "hist": "matplotlib",
    "boxplot": "matplotlib", "to_hdf": "pytables", "to_sql": "database drivers", "to_gbq": "network",
    "to_parquet": "engine imported by name", "to_feather": "engine imported by name", "to_orc": "pyarrow",
    "to_stata": "not needed", "to_clipboard": "runs xclip", "to_excel": "engine imported by name",
    "to_latex": "jinja2 templates", "to_xml": "lxml, stylesheets", "to_markdown": "tabulate",
    "with_traceback": "tracebacks hold frames", "bit_generator": "exposes ctypes and cffi views",
    "grouper": "pandas internals (string-dispatched operations)", "format": "checked as a format string",
    "format_map": "checked as a format string", "mro": "the type graph",
    "obj": "AttributeError.obj hands over whatever object a lookup inside a library failed on",
}

# Boost 1.81 from Debian's libboost1.81-dev, libboost-json1.81-dev, libboost-url1.81-dev.
find_package(Boost 1.81.0 EXACT CONFIG REQUIRED COMPONENTS json url)
add_library(liaison_boost INTERFACE)
target_link_libraries(liaison_boost INTERFACE Boost::headers Boost::json Boost::url)
target_compile_definitions(liaison_boost INTERFACE BOOST_ASIO_NO_DEPRECATED)
